-- a reporting unit's name as people read it: "<unit kind> – <commune>" for a commune's unit,
-- the unit kind's name alone for a district unit (commune_name null): the same rule as
-- etl.present.format.unit_display_name
create or replace temp macro unit_display_name(kind_name, commune_name) as
    kind_name || coalesce(' – ' || commune_name, '')
