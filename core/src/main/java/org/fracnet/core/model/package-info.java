/**
 * Fitted models, their pure-Java forward pass, and the model file: a zip holding
 * {@code model.json} (all metadata, versioned) and {@code weights.safetensors} (the weights in the
 * safetensors format, loadable from Python). Never Java serialization, and reading a model or
 * checkpoint runs no code named by the file: see {@link org.fracnet.core.model.Model#load}.
 */
package org.fracnet.core.model;
