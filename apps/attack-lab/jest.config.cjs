module.exports = {
  displayName: 'attack-lab-cli',
  preset: '../../jest.preset.cjs',
  rootDir: __dirname,
};
