package org.regshift.plot;

/**
 * Line, bar and curve charts (XChart), saved as PNG and SVG and embedded in HTML reports. Imports
 * nothing of RegShift.
 */
