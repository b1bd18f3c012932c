/**
 * Output files: writing them atomically, so that an interrupted run or a full disk never leaves a
 * half-written file ({@link org.fracnet.core.io.AtomicFile}); checking before a run that its
 * outputs may be written, so that no result and no input is replaced by accident
 * ({@link org.fracnet.core.io.OutputFiles}); and I/O failures in plain words
 * ({@link org.fracnet.core.io.IoErrors}).
 */
package org.fracnet.core.io;
