package org.regshift.motif;

/**
 * Position weight matrices: JASPAR and MEME readers, log-odds scoring and site scanning. Imports io.
 */
