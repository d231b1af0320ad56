// Verdaccio 6 loads plugins by name with require() and accepts no plugin objects in its config.
// startRegistry() builds the live plugin (bound to its index and ownership records) and puts a
// function returning it into this plugin's config; this bridge only hands it over.
module.exports = function movaPlugin(config) {
  if (typeof config.connect !== 'function') {
    throw new Error('verdaccio-mova is loaded by @mova/registry startRegistry(), not from a config file');
  }
  return config.connect();
};
