// Placeholder replaced by the db package work.
