"""Background ingest: uploads wait in a queue stored with the data (so they survive a restart) and a worker in
each server process, or `planwatch jobs work`, reads them one at a time."""
