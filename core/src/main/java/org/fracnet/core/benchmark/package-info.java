/**
 * The label-distribution benchmark: fracnet's models under the protocol the field publishes
 * (10-fold cross-validation, the six measures of Geng 2016 averaged over each fold's test rows),
 * beside the published results read from a Markdown reference file.
 */
package org.fracnet.core.benchmark;
