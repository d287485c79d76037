package org.regshift.train;

/**
 * {@code regshift train}: training loops, augmentation, adversarial training and the parallel
 * trainer on the {@link org.regshift.model.lean.Engine} chosen for the network. Imports the model
 * packages and the shared libraries; of the steps only attack (its attack methods).
 */
