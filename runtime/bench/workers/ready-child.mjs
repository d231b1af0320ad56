// The raw fork baseline: a child process that says it is up over IPC and then waits to be killed.
process.send({ type: 'ready' });
process.on('disconnect', () => process.exit(0));
