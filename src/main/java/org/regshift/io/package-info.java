package org.regshift.io;

/**
 * Files in and out: TSV reading and writing, JSON, atomic output files and directories, input
 * limits, and the input and usage exceptions every step reports. Imports nothing of RegShift.
 */
