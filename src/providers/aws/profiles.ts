import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** The two files the SDK reads profiles from, honouring AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE. */
export function profileFiles(env: Readonly<Record<string, string | undefined>> = process.env): {
  config: string;
  credentials: string;
} {
  return {
    config: env['AWS_CONFIG_FILE'] || join(homedir(), '.aws', 'config'),
    credentials: env['AWS_SHARED_CREDENTIALS_FILE'] || join(homedir(), '.aws', 'credentials'),
  };
}

function sections(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return [...text.matchAll(/^\s*\[([^\]\n]+)\]/gm)].map((m) => (m[1] ?? '').trim().split(/\s+/).join(' '));
}

/**
 * Whether a profile is defined: `[profile NAME]` (or `[default]`) in the config file, `[NAME]` in
 * the credentials file. Used to explain a failure only; the SDK itself loads the credentials.
 */
export function profileIsDefined(
  name: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  const files = profileFiles(env);
  const inConfig = sections(files.config).some((s) => s === `profile ${name}` || (name === 'default' && s === name));
  return inConfig || sections(files.credentials).includes(name);
}
