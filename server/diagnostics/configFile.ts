// The name of the project's lint configuration, apart from its schema so that light callers (the
// CLI's cached path) need not load the validation library.
export const PROJECT_CONFIG_FILE = 'tinybird-lint.json';
