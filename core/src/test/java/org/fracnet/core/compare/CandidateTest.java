package org.fracnet.core.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.fracnet.core.SettingsException;
import org.junit.jupiter.api.Test;

class CandidateTest {
  @Test
  void aListWithParametersIsReadInOrder() {
    List<Candidate> list = Candidate.parseList(
        "cross-entropy, weighted-mse{class-weights=inverse-mean},my-loss{gamma=2,alpha=0.5}");
    assertThat(list).extracting(Candidate::id).containsExactly("cross-entropy",
        "weighted-mse{class-weights=inverse-mean}", "my-loss{gamma=2,alpha=0.5}");
    assertThat(list.get(2).parameters()).containsExactly(Map.entry("gamma", "2"), Map.entry("alpha", "0.5"));
    assertThat(Candidate.parseList(list.get(2).id())).containsExactly(list.get(2));
  }

  @Test
  void aListValueIsWrittenAsItIsInsideTheBraces() {
    List<Candidate> list = Candidate.parseList("mse,weighted-mse{class-weights=1,1, 2,4,gamma=2},cross-entropy");
    assertThat(list).extracting(Candidate::id).containsExactly("mse", "weighted-mse{class-weights=1,1,2,4,gamma=2}",
        "cross-entropy");
    assertThat(list.get(1).parameters()).containsExactly(Map.entry("class-weights", "1,1,2,4"),
        Map.entry("gamma", "2"));
    assertThat(Candidate.parseList(list.get(1).id())).containsExactly(list.get(1));
  }

  @Test
  void mistakesAreNamed() {
    assertThatThrownBy(() -> Candidate.parseList("mse,weighted-mse{class-weights=inverse-mean"))
        .isInstanceOf(SettingsException.class).hasMessageContaining("opens { but never closes it");
    assertThatThrownBy(() -> Candidate.parseList("my-loss{gamma}")).hasMessageContaining("'gamma' in my-loss{...} is not key=value");
    assertThatThrownBy(() -> Candidate.parseList("mse,,cross-entropy")).hasMessageContaining("an empty entry");
    assertThatThrownBy(() -> Candidate.parseList("mse,mse")).hasMessageContaining("mse is given twice");
  }

  @Test
  void budgetsGrowAndAreNamed() {
    assertThat(Budget.QUICK.settings()).hasSize(2);
    assertThat(Budget.STANDARD.settings()).hasSize(4);
    assertThat(Budget.THOROUGH.settings()).hasSize(12);
    assertThat(Budget.of("quick")).isEqualTo(Budget.QUICK);
    assertThatThrownBy(() -> Budget.of("huge")).hasMessage("budget(huge) is not known; use quick, standard or thorough");
  }
}
