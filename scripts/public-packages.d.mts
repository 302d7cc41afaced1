export const PUBLIC_PACKAGES: readonly string[];
