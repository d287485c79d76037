package org.regshift.model.lean;

/**
 * The lean engine: forward and backward passes on libnd4j operations, data-parallel twins, the
 * native runtime's threads, and the {@link org.regshift.model.lean.Engine} choice. Imports model.net.
 */
