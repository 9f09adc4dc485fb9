// Infers a `typecheck` target for every project that has a tsconfig.json next
// to its project.json. @nx/js/typescript only infers it for the "TS solution"
// layout (project references + tsc --build), which this workspace does not use.
const { existsSync } = require('node:fs');
const { dirname, join } = require('node:path');

exports.createNodesV2 = [
  '**/tsconfig.json',
  async (configFiles, _options, context) =>
    configFiles
      .filter((file) => existsSync(join(context.workspaceRoot, dirname(file), 'project.json')))
      .map((file) => {
        const root = dirname(file);
        return [
          file,
          {
            projects: {
              [root]: {
                targets: {
                  typecheck: {
                    command: 'tsc -p tsconfig.json',
                    options: { cwd: root },
                    cache: true,
                    inputs: ['default', '^default', { externalDependencies: ['typescript'] }],
                    outputs: [],
                  },
                },
              },
            },
          },
        ];
      }),
];
