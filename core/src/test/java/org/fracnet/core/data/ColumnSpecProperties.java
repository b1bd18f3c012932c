package org.fracnet.core.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;

/** Properties of column specs: any name, however strange, selects exactly itself. */
class ColumnSpecProperties {
  @Property(seed = "42")
  void aGlobWithoutWildcardsMatchesOnlyItsOwnText(@ForAll @StringLength(min = 1, max = 20) String name,
      @ForAll @StringLength(max = 20) String other) {
    String literal = name.replace("*", "").replace("?", "");
    assertThat(ColumnSpec.glob(literal).matcher(literal).matches()).isTrue();
    assertThat(ColumnSpec.glob(literal).matcher(other).matches()).isEqualTo(literal.equals(other));
  }

  @Property(seed = "42")
  void anExactNameSelectsItsColumn(@ForAll @StringLength(min = 1, max = 12) String name) {
    String trimmed = name.strip();
    if (trimmed.isEmpty()) {
      return;
    }
    List<String> header = List.of("a", trimmed.equals("a") ? "b" : trimmed);
    String quoted = "\"" + header.get(1).replace("\"", "\"\"") + "\"";
    assertThat(ColumnSpec.select("f.csv", header, quoted, "DatasetSpec.targets")).containsExactly(1);
  }
}
