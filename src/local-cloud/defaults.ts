/** Where the local cloud keeps its state unless told otherwise, relative to the working directory. */
export const DEFAULT_DATA_DIR = '.bulkhead/local-cloud';
export const DEFAULT_PORT = 4577;
