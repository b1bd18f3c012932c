package org.fracnet.spark;

import org.apache.spark.api.java.JavaRDD;
import org.fracnet.core.data.TrainingRows;

/**
 * Rows held on a Spark cluster: cached partitions of standardised {@link RowBlock}s, each knowing
 * the global index of its first row, so that the training loop's row order (indices 0 to n - 1)
 * names rows on every partition. The loop sees only the sizes; {@link SparkTrainer} computes on
 * the partitions.
 *
 * @param source the data, for messages
 * @param blocks the cached partitions
 * @param rows the number of rows n
 * @param featureCount the number of features d
 * @param classCount the number of classes k
 */
record SparkRows(String source, JavaRDD<RowBlock> blocks, int rows, int featureCount, int classCount)
    implements TrainingRows {}
