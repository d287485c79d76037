package org.regshift.model.net;

/**
 * The networks: architectures, the graph builder, RegShift's DL4J layers (max pooling, sinusoidal
 * positions) and losses, and the pooling kernel the lean engine shares. Imports nothing of RegShift.
 */
