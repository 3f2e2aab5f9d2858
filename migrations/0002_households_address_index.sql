-- Deleting or moving addresses checks households.address_id; without an index each check scans all households.
CREATE INDEX households_address_idx ON households (address_id);
