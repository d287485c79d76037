package org.regshift.explain;

/**
 * One sequence's attribution: a score per position (how much the observed base drives the
 * prediction up, or for saliency how sensitive the prediction is there) and the hypothetical
 * contribution of each base at each position, centred over the four bases ([4][length], A C G T).
 */
record Attribution(double[] score, double[][] hypothetical) {
}
