package org.regshift;

/**
 * RegShift: robust machine learning on regulatory DNA under distribution shift. This package holds
 * only {@link org.regshift.RegShift}, the executable that wires one subcommand per step package;
 * nothing imports it.
 */
