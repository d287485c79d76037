package org.regshift.cli;

/**
 * What every step's picocli command shares: the {@link org.regshift.cli.StepCommand} template
 * (options checked, provenance, progress, closing line), option mixins and enum conversion. Imports
 * seq and provenance only; the step packages import it.
 */
