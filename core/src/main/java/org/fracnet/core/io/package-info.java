/** Writing output files atomically, so that an interrupted run never leaves a half-written file. */
package org.fracnet.core.io;
