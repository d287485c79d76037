package org.regshift.simulate;

import java.util.List;

/**
 * One simulated element: its sequence, planted sites, GC fraction, batch, true activity per cell
 * type, and counts per barcode (columns: DNA per replicate, then RNA per cell type and replicate).
 */
record SimElement(String id, String sequence, List<Site> sites, double gc, String batch, double[] activity,
                  String[] barcodes, long[][] counts) {
}
