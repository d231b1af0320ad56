/** This SDK's version, recorded in every manifest it builds. A test keeps it equal to package.json. */
export const SDK_VERSION = '0.1.0';
