// The raw process baseline: a forked child that answers each IPC message the way a sandbox answers an invoke.
process.on('message', (message) => {
  process.send({ type: 'result', id: message.id, ok: true, output: message.input });
});
process.on('disconnect', () => process.exit(0));
