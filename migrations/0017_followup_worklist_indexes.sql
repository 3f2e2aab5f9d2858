-- The werkbakje view of the work list: one werkbakje, by deadline, often only what nobody has picked up yet.
-- meldingen_active_queue_idx (0005) is ordered by priority, so "by deadline" walked meldingen_active_deadline_idx
-- over every active melding of the municipality and filtered on the werkbakje: seconds at a million signals, and
-- the whole index when the werkbakje holds nothing (issue 5 benchmark). The unassigned slices are partial
-- indexes of their own: a werkbakje whose meldingen are nearly all picked up must not be walked to find the rest.
CREATE INDEX meldingen_active_queue_deadline_idx ON meldingen (municipality_id, queue_id, deadline, priority, id)
  WHERE status <> 'afgesloten';
CREATE INDEX meldingen_unassigned_queue_deadline_idx ON meldingen (municipality_id, queue_id, deadline, priority, id)
  WHERE status <> 'afgesloten' AND assigned_to IS NULL;
CREATE INDEX meldingen_unassigned_queue_priority_idx ON meldingen (municipality_id, queue_id, priority, deadline, id)
  WHERE status <> 'afgesloten' AND assigned_to IS NULL;
