export const filter = {
  'filter.label': 'Filters',
  'filter.owner': 'Owner',
  'filter.mine': 'Only my deals',
  'filter.closeFrom': 'Closing from',
  'filter.closeTo': 'Closing by',
  'filter.tag': 'Customer tag',
  'filter.tagPlaceholder': 'Any tag',
  'filter.allOwners': 'All owners',
  'filter.segment': 'Segment',
  'filter.allSegments': 'All segments',
  'filter.clear': 'Clear filters',
} as const;
