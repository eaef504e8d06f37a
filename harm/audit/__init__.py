"""The access log: who saw, exported or changed a family's use details; append-only, hash-chained."""
