package org.regshift.model;

/**
 * The model bundle and the inference API the steps import: {@link org.regshift.model.ModelBundle},
 * {@link org.regshift.model.Predictor}, input encoding, prior features, the OOD reference and input
 * gradients. Imports model.net, model.lean, motif and io.
 */
