/**
 * fracnet on Apache Spark: {@link org.fracnet.spark.SparkFracnet} scores, trains and evaluates on
 * DataFrames with core's settings, training loop and model file; {@link org.fracnet.spark.SparkMain}
 * is the entry point for {@code spark-submit}. See docs/spark.md.
 */
package org.fracnet.spark;
