// Flat config: typescript-eslint for all TypeScript, eslint-plugin-lit and eslint-plugin-wc for the
// web components. Formatting is Prettier's job (checked separately by `npm run lint`).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {ignores: ['**/dist/**', '**/node_modules/**', 'test/.generated/**', '.data/**', '.tmp/**']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {globals: {...globals.browser, ...globals.node}},
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        {argsIgnorePattern: '^_', varsIgnorePattern: '^_'},
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['packages/host-elements/**/*.ts', 'plugins/**/*.ts', 'test/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['plugins/**/*.ts', 'test/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
);
