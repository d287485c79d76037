/** {@code regshift prepare}: a measured activity table (any target column, folds) as RegShift's activity table. */
package org.regshift.prepare;
