// Imported before the worker: DeadlineReconciler reads RECONCILE_EVERY_MS when its module loads. A short
// period lets a test observe the periodic reconcile within its bounded waits; tests that must see
// another path stub DeadlineReconciler.reconcile (see muteReconcile).
process.env.RECONCILE_EVERY_MS ??= '2000';
