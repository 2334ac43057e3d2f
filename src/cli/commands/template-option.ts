import { Option } from 'commander';

/**
 * The template names, spelt out here so `--help` does not load the templates (and YAML);
 * test/cli/flag-values.test.ts checks they are the templates' own TEMPLATE_NAMES.
 */
export const TEMPLATE_CHOICES = ['startup', 'growth', 'enterprise'] as const;

/** `--template`: an unknown name is a usage error from the parser, before anything runs. */
export function templateOption(defaultName: (typeof TEMPLATE_CHOICES)[number]): Option {
  return new Option('-t, --template <name>', 'the template').choices(TEMPLATE_CHOICES).default(defaultName);
}
