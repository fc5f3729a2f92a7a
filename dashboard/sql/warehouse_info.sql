-- one row: sample flag, schematic flag, boundary source
select is_sample, is_schematic, boundary_source, built_at
from warehouse_info
