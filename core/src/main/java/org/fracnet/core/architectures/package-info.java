/** The built-in network shapes: {@code linear} (multinomial logit) and {@code mlp}. */
package org.fracnet.core.architectures;
