// Layer rules: imports only point downwards (see docs/architecture.md).
// core <- node <- main / cli ; core <- renderer ; preload sees only core/host.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const layer = (name) => `(^|/)${name}/`
const forbid = (...layers) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        ...layers.map((l) => ({
          regex: `^\\.{1,2}/.*${layer(l)}`,
          message: `This layer may not import from src/${l} (imports point downwards only).`,
        })),
      ],
    },
  ],
})
const platformImports = {
  regex: '^(node:|electron$|electron/|react$|react-dom|dexie$)',
  message: 'src/core is environment-free: no node:*, electron, React or Dexie imports.',
}

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test/fixtures/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            platformImports,
            {
              regex: '^\\.{1,2}/.*(^|/)(node|main|preload|renderer|cli)/',
              message: 'src/core may not import from higher layers.',
            },
          ],
        },
      ],
    },
  },
  { files: ['src/node/**/*.ts'], rules: forbid('main', 'preload', 'renderer', 'cli') },
  { files: ['src/cli/**/*.ts'], rules: forbid('main', 'preload', 'renderer') },
  { files: ['src/main/**/*.ts'], rules: forbid('preload', 'renderer', 'cli') },
  {
    files: ['src/preload/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.{1,2}/.*(^|/)(node|main|renderer|cli)/',
              message: 'The preload sees only the Host API and channel types in src/core/host.',
            },
            { regex: '^node:', message: 'The preload runs sandboxed: no node:* imports.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.{1,2}/.*(^|/)(node|main|preload|cli)/',
              message: 'The renderer reaches the platform only through the Host API.',
            },
            { regex: '^(node:|electron$)', message: 'The renderer imports no node:* or electron.' },
          ],
        },
      ],
    },
  },
)
