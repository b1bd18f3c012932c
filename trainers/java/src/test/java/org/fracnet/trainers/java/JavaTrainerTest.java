package org.fracnet.trainers.java;

import java.util.HashMap;
import java.util.Map;
import org.fracnet.core.spi.Parameters;
import org.fracnet.core.spi.Trainer;

/** The java trainer passes the trainer contract. */
class JavaTrainerTest extends TrainerContract {
  @Override
  protected Trainer trainer(int threads, Map<String, String> more) {
    Map<String, String> all = new HashMap<>(more);
    all.put("threads", String.valueOf(threads));
    return new JavaTrainerProvider().create(Parameters.of("test", all));
  }
}
