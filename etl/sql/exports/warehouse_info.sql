-- one row: sample data or not, schematic boundaries or not, their source
select is_sample, is_schematic, boundary_source,
from warehouse_info
