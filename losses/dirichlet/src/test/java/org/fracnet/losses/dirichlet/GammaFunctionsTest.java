package org.fracnet.losses.dirichlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Known answers for digamma and log-gamma from tiny to huge arguments. Source: mpmath 1.3.0
 * ({@code mp.digamma}, {@code mp.loggamma} at 40 digits), rounded to 20 significant digits.
 */
class GammaFunctionsTest {
  @ParameterizedTest(name = "x = {0}")
  @CsvSource({
    "1e-300, -1.0e+300, 690.77552789821370521",
    "1e-10, -10000000000.577215665, 23.025850929882735274",
    "1e-5, -100000.57719921568107, 11.512919692895825707",
    "0.5, -1.9635100260214234794, 0.57236494292470008707",
    "1, -0.57721566490153286061, 0.0",
    "2, 0.42278433509846713939, 0.0",
    "19.5, 2.9445543434255953001, 37.861086508961096992",
    "20, 2.9705239922421490509, 39.339884187199494036",
    "20.5, 2.9958363947076465821, 40.83150097453079811",
    "48.9, 3.8795175992028620252, 140.28586865726951218",
    "1e5, 11.512920464961895087, 1051287.7089736568949",
    "1e15, 34.53877639491068476, 33538776394910668.91",
    "1e300, 690.77552789821370521, 6.8977552789821370521e+302",
  })
  void digammaAndLogGammaMatchMpmathToFifteenDigits(double x, double digamma, double logGamma) {
    assertThat(GammaFunctions.digamma(x)).isCloseTo(digamma, within(2e-15 * Math.max(1, Math.abs(digamma))));
    assertThat(GammaFunctions.logGamma(x)).isCloseTo(logGamma, within(2e-15 * Math.max(1, Math.abs(logGamma))));
  }

  @ParameterizedTest(name = "log x = {0}")
  @CsvSource({"-800", "-745.5", "-100", "-41", "-39"})
  void xTimesDigammaMinusLogStaysNearMinusOneWhereXUnderflows(double logX) {
    // x (digamma(x) - log x) = -1 - x (EULER + log x) + O(x^2); x itself may be 0 in double
    assertThat(GammaFunctions.xDml(logX)).isCloseTo(-1, within(1e-15));
  }

  @ParameterizedTest(name = "log x = {0}")
  @CsvSource({"-800", "-100", "-41", "-39"})
  void stirlingRemainderOfTinyArgumentsIsMinusHalfLogX(double logX) {
    // h(x) = lgamma(x) - (x - 1/2) log x + x -> -log x / 2 as x -> 0
    assertThat(GammaFunctions.h(logX)).isCloseTo(-0.5 * logX, within(1e-12 * Math.abs(logX)));
  }

  @ParameterizedTest(name = "x = {0}")
  @CsvSource({"NaN", "-1"})
  void nonPositiveOrNaNArgumentsGiveNaNNotAnException(double x) {
    assertThat(GammaFunctions.digamma(x)).isNaN();
    assertThat(GammaFunctions.logGamma(x)).isNaN();
  }
}
