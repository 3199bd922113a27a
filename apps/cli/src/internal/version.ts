import packageJson from '../../package.json' with { type: 'json' };

/** The version of `@nnunet-ts/cli`, from its package.json (bundled into the build). */
export const CLI_VERSION: string = packageJson.version;
