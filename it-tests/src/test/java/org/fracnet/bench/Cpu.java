package org.fracnet.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * This machine's CPU as {@code /proc/cpuinfo} describes its first core; all fields empty where the
 * file is missing (not Linux).
 *
 * @param vendor {@code vendor_id}, e.g. {@code AuthenticAMD}
 * @param family {@code cpu family}, e.g. {@code 25}
 * @param model {@code model name}
 * @param avx512 whether the flags include {@code avx512f}
 */
public record Cpu(String vendor, String family, String model, boolean avx512) {
  public static Cpu read() throws IOException {
    Path cpuinfo = Path.of("/proc/cpuinfo");
    String vendor = "";
    String family = "";
    String model = "";
    if (Files.isReadable(cpuinfo)) {
      for (String line : Files.readAllLines(cpuinfo)) {
        String value = line.substring(line.indexOf(':') + 1).trim();
        if (line.startsWith("vendor_id")) {
          vendor = value;
        } else if (line.startsWith("cpu family")) {
          family = value;
        } else if (line.startsWith("model name")) {
          model = value;
        } else if (line.startsWith("flags")) {
          return new Cpu(vendor, family, model, Arrays.asList(value.split("\\s+")).contains("avx512f"));
        }
      }
    }
    return new Cpu(vendor, family, model, false);
  }

  /**
   * AMD Zen 4: family 25 with AVX-512. The {@code ./fracnet} launcher's rule for choosing
   * OpenBLAS's Haswell kernels, repeated here to report and test it.
   */
  public boolean zen4() {
    return vendor.equals("AuthenticAMD") && family.equals("25") && avx512;
  }
}
