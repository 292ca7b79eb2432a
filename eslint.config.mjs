// @ts-check
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'
import tseslint from 'typescript-eslint'

/** Only these thin glue files may touch Electron; everything else stays testable in plain Node. */
const ELECTRON_GLUE = [
  'src/main/index.ts',
  'src/main/window*.ts',
  'src/main/electron-*.ts',
  'src/main/ipc*.ts',
  'src/preload/**'
]

/** The demo PBX's one entry, reached with import() (types may be imported statically). */
const DEMO_PBX_ENTRY = [
  { regex: '(^|/)demo-pbx/(?!index$).', message: 'Import the demo PBX only through src/main/demo-pbx (its index).' },
  {
    regex: '(^|/)demo-pbx(/index)?$',
    allowTypeImports: true,
    message: "Load the demo PBX with `await import('./demo-pbx')` when the demo starts; import only its types statically."
  }
]

export default defineConfig([
  globalIgnores([
    'out/',
    'dist/',
    'node_modules/',
    'test-results/',
    'playwright-report/',
    'coverage/',
    '.earshot-data/',
    'tmp/'
  ]),

  {
    name: 'earshot/typescript',
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [js.configs.recommended, tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: {
        // Each file is checked with the tsconfig that owns it (tsconfig.node.json or tsconfig.web.json).
        projectService: true,
        tsconfigRootDir: import.meta.dirname
      }
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' }
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      eqeqeq: ['error', 'always', { null: 'ignore' }]
    }
  },

  {
    name: 'earshot/javascript',
    files: ['**/*.{js,mjs,cjs}'],
    extends: [js.configs.recommended],
    languageOptions: { globals: globals.node }
  },

  {
    name: 'earshot/node',
    files: ['src/main/**', 'src/preload/**', 'src/shared/**', 'tools/**', 'tests/**', '*.config.ts'],
    languageOptions: { globals: globals.node }
  },

  {
    name: 'earshot/renderer',
    files: ['src/renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser }
  },

  {
    name: 'earshot/electron-only-in-glue',
    files: ['src/**/*.{ts,tsx}'],
    ignores: ELECTRON_GLUE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message:
                'Import electron only in src/main/index.ts, src/main/window*.ts, src/main/electron-*.ts, src/main/ipc*.ts or src/preload; pass what you need in as parameters.'
            },
            // It requires electron itself: only src/main/electron-updates.ts drives it.
            { name: 'electron-updater', message: 'Import electron-updater only in the glue files (src/main/electron-updates.ts).' }
          ],
          patterns: [{ group: ['electron/*'], message: 'Import electron only in the glue files.' }]
        }
      ]
    }
  },

  // The demo PBX is a package of its own: the app reaches it only through its entry, and only with
  // import() when the demo starts (its WebRTC stack, werift, is too heavy to load at every start).
  {
    name: 'earshot/demo-pbx-entry',
    files: ['src/**/*.{ts,tsx}'],
    ignores: ['src/main/demo-pbx/**'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: DEMO_PBX_ENTRY }] }
  },
  // Each folder under src/main is one capability: other code reaches it only through its index.ts,
  // so what a folder offers is what its index exports. One block per depth, as the rule sees only
  // the import's text (`../calls/rows` from src/main/app/x.ts, `../../ami/message` one level down).
  // These blocks repeat the demo PBX's patterns: a later block's options replace an earlier one's.
  // Tests are left out: they test the files inside a folder by their paths.
  ...[
    { files: ['src/main/*.ts'], up: '\\./' },
    { files: ['src/main/*/*.ts'], up: '\\.\\./' },
    { files: ['src/main/*/*/*.ts'], up: '(\\.\\./){2}' },
    { files: ['src/main/*/*/*/*.ts'], up: '(\\.\\./){3}' },
    // tools/ drive the demo PBX's internals directly (see its entry), nothing else's.
    { files: ['tools/**/*.ts'], up: '(\\.\\./)+src/main/(?!demo-pbx/)' }
  ].map(({ files, up }) => ({
    name: 'earshot/folders-through-their-index',
    files,
    ignores: ['src/main/demo-pbx/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...(files[0].startsWith('src/') ? DEMO_PBX_ENTRY : []),
            { regex: `^${up}[^./][^/]*/(?!index$).`, message: 'Import another src/main folder only through its index (`../calls`, not `../calls/rows`); export what you need there.' }
          ]
        }
      ]
    }
  })),
  // ...and it imports nothing of the app but the AMI codec it speaks (it stands in for Asterisk).
  ...[
    { files: ['src/main/demo-pbx/*.ts'], up: '\\.\\./' },
    { files: ['src/main/demo-pbx/*/*.ts'], up: '\\.\\./\\.\\./' }
  ].map(({ files, up }) => ({
    name: 'earshot/demo-pbx-imports-only-the-codec',
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: `^${up}(?!ami/(message|encoder|decoder)$)`,
              message: 'The demo PBX imports from src/main only the AMI codec (ami/message, ami/encoder, ami/decoder).'
            }
          ]
        }
      ]
    }
  }))
])
