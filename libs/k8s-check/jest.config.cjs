module.exports = {
  displayName: 'k8s-check',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
