/**
 * Data sets of features and target fractions, checked on the way in, and tables of features to
 * predict on.
 *
 * <ul>
 *   <li>{@link org.fracnet.core.data.Dataset}: features, fractions and row weights; read from CSV
 *       ({@link org.fracnet.core.data.Dataset#readCsv}, columns chosen by a
 *       {@link org.fracnet.core.data.DatasetSpec}) or built in memory
 *       ({@link org.fracnet.core.data.Dataset#builder}), both checked by the same code, so that an
 *       invalid value is a {@link org.fracnet.core.DataException} naming the source, the row, the
 *       column, the value and the fix.</li>
 *   <li>{@link org.fracnet.core.data.FeatureTable}: named feature columns without targets;
 *       {@link org.fracnet.core.data.FeatureTable#bind} takes the columns a model needs by name,
 *       in its order, and reports the others.</li>
 *   <li>{@link org.fracnet.core.data.CsvDatasetReader}: the CSV entry points, including the
 *       streaming reader of features for prediction on files of any size.</li>
 *   <li>{@link org.fracnet.core.data.PredictionWriter}: writes predictions as CSV.</li>
 *   <li>{@link org.fracnet.core.data.DemoData}: the bundled demo data and its generator.</li>
 * </ul>
 *
 * <p>Inside, a file's bytes become UTF-8 text in {@code TextInput} (gzip, byte order mark, binary
 * and other encodings refused with the line and byte offset), a CSV file is read by
 * {@code CsvTable} (separator, header, records with the lines they start on, numbers), its
 * columns chosen by {@code ColumnSpec} (names, globs, ranges), and every row, from a file or from
 * memory, checked by {@code RowValidation}.
 */
package org.fracnet.core.data;
