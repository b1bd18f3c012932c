/**
 * The {@code fracnet} command line. {@link org.fracnet.cli.Main} is the composition root: it
 * discovers plugins once (classpath plus {@code --plugins DIR}), builds the Guice injector, and
 * runs the picocli command it names. Commands return exit codes; only {@code main} exits.
 */
package org.fracnet.cli;
