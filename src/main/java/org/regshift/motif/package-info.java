/**
 * Position weight matrices: JASPAR and MEME readers, log-odds scoring and site scanning. Imports io.
 */
package org.regshift.motif;
