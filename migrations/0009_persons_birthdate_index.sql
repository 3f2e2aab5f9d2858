-- Matching a signal without a usable address looks people up by date of birth (and then by normalised surname):
-- without this index every such signal scans all persons of the municipality.
CREATE INDEX persons_birthdate_idx ON persons (municipality_id, geboortedatum);
