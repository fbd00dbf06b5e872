/** The lock file's name, beside the spec: `<metadata.name>.lock.yaml`. Kept apart from the lock's parser so that `validate` stays light. */
export const lockFileName = (specName: string): string => `${specName}.lock.yaml`;
